ip netns exec uvnref1 ping -6 -c 3 fd00:1::99
