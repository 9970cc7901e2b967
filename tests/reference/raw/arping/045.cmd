ip netns exec uvnref1 arping -c abc -I veth1 10.1.0.2
