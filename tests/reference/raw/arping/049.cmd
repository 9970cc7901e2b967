ip netns exec uvnref1 arping -c 1 -I lo 127.0.0.1
