ip netns del nosuch
