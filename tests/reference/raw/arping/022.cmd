ip netns exec uvnref1 arping -c 2 -b -I veth1 10.1.0.2
