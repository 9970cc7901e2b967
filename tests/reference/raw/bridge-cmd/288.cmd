ip netns del uvnref4
