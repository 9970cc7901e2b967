ip netns exec uvnref1 ping -q -c 3 10.1.0.96
