ip netns exec uvnref1 arping -c 1 -I veth1 10.1.0.2         # veth1 down
