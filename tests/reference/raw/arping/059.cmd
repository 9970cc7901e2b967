ip netns exec uvnref1 arping -h
