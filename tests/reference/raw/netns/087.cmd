ip -all netns del uvnref5
