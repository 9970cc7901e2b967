ip netns exec uvnref1 ping -c 2 fe80::ff:fe00:202%veth1
