ip netns exec uvnref1 arping -c 1 -w 1 -I veth3 10.1.0.2    # up, no carrier, no address
