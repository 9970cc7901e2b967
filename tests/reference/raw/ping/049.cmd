ip netns exec uvnref1 ping -6 -c 2 fe80::ff:fe00:202%veth1
