ip netns exec uvnref1 arping -f -I veth1 10.1.0.2
