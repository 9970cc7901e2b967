ip netns exec uvnref1 ping -6 -c 2 -I veth1 fe80::ff:fe00:202
