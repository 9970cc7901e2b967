ip netns del uvnref3
