ip netns add ..
