ip netns exec uvnref2 timeout 3 tcpdump -i veth23 -n -e -v -c 2 stp
