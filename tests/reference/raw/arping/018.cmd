ip netns exec uvnref1 arping -c 2 10.1.0.2                 # no -I
