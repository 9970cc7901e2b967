ip netns help
