ip netns exec uvnref4 ping -6 -c 1 fd00:1::2
