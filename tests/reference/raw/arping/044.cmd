ip netns exec uvnref1 arping -c 1 -I veth1 fd00::1
