ip netns exec uvnref1 ping -6 -c 1 -W 2 fd00:1::2 >/dev/null
