ip netns identify
