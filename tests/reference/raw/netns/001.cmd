ip netns list
