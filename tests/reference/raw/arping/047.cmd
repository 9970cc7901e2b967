ip netns exec uvnref1 arping -w abc -I veth1 10.1.0.2
