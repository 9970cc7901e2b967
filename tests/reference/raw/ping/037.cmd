ip netns exec uvnref1 ping -c 2 127.0.0.1
