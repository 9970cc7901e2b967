ip netns exec uvnref1 arping -c 1 10.99.0.1                 # no route, no -I
