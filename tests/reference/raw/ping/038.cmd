ip netns exec uvnref1 ping -c 2 localhost
