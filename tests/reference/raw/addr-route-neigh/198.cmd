ip netns exec uvnref1 ping -c 1 -W 2 10.1.0.2 >/dev/null
