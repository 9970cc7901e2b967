ip netns add uvnref1; ip netns add uvnref2; ip netns add uvnref3
