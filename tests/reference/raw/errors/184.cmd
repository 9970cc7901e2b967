ip netns del
