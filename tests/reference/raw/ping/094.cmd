ip netns exec uvnref1 ping -c 1 -4 fd00:1::2
