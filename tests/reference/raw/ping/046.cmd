ip netns exec uvnref1 ping -6 -c 2 fd00:1::2
