ip netns delete nosuch
