ip netns exec uvnref1 bridge link show
