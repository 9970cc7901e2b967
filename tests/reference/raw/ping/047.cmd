ip netns exec uvnref1 ping -c 2 fd00:1::2
