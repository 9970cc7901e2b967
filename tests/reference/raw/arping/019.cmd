ip netns exec uvnref1 arping -c 2 -q -I veth1 10.1.0.2
