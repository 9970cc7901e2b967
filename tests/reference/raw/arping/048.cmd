ip netns exec uvnref1 arping -Z -I veth1 10.1.0.2
