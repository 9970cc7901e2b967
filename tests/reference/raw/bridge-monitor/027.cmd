ip netns del uvnref2
