ip netns exec uvnref1 ip netns identify
