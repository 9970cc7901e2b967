ip netns exec
