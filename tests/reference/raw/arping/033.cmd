ip netns exec uvnref1 arping -D -q -c 2 -I veth1 10.1.0.2
