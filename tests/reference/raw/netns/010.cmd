ip netns show
