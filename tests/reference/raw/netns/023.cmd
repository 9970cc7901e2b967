ip netns list-id nsid 5
