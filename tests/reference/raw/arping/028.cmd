ip netns exec uvnref1 arping -w 2 -I veth1 10.1.0.99
