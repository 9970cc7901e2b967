ip netns exec uvnref1 arping -c 2 -s 10.1.0.1 -I veth1 10.1.0.2
