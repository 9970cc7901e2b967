ip netns exec uvnref1 arping -D -c 2 -I veth1 10.1.0.99         # free address -> exit 0
