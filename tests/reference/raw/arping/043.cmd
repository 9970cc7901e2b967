ip netns exec uvnref1 arping -c 1 -I veth1 300.1.1.1
