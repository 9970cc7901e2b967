ip netns add ''
