ip netns exec uvnref1 ping -6 -c 1 -W 1 fd00:1::99 >/dev/null; ip -n uvnref1 -6 neigh show fd00:1::99
