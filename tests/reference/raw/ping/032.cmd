ip netns exec uvnref1 ping -c 2 -I veth1 10.1.0.2
