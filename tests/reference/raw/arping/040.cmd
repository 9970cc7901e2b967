ip netns exec uvnref1 arping -c 1
