ip netns exec uvnref1 arping -c 1 -I veth3 10.1.0.2         # interface down
