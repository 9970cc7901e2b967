ip netns exec uvnref1 arping -c 1 -w 3 -I veth1 10.1.0.2
