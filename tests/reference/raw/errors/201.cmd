ip netns list extra
