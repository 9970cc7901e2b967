ip netns exec uvnref1 arping -q -c 2 -I veth1 10.1.0.99
