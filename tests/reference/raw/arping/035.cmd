ip netns exec uvnref1 arping -U -c 2 -I veth1 10.1.0.1
