ip netns exec uvnref1 ping -c 1 -b 10.1.0.255
