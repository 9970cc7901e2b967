ip netns exec uvnref1 ping -c 2 -W 1 10.1.0.2                   # peer down: carrier lost
