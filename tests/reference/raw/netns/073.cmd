ip netns delete uvnref3
