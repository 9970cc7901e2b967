ip netns exec uvnref1 arping -D -w 1 -I veth1 10.1.0.2
