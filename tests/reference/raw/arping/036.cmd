ip netns exec uvnref1 arping -A -c 2 -I veth1 10.1.0.1
