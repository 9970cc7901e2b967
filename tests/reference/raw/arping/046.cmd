ip netns exec uvnref1 arping -c 0 -I veth1 10.1.0.2
