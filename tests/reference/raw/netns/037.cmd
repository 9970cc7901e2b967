ip netns exec uvnref1 ip link show
