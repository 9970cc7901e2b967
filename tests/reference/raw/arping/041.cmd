ip netns exec uvnref1 arping -c 1 -I nosuchdev 10.1.0.2
