ip netns exec uvnref2 arping -c 1 -w 2 -I veth2 10.1.0.1 >/dev/null
