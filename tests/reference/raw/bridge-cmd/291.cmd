ip netns del uvnref1
