ip netns list-id target-nsid 5
