ip netns list-id
