ip netns exec uvnref1 arping -c 1 -I veth1 10.99.0.1        # other subnet via -I
