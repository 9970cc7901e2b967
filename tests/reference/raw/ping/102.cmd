ip netns exec uvnref1 ping -c 1 -I veth1 10.1.0.2
