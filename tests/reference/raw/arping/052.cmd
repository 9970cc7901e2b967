ip netns exec uvnref1 arping -c 1 -s 10.9.9.9 -I veth1 10.1.0.2
