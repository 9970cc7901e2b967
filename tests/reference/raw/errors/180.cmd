ip netns add .
