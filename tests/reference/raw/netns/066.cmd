ip -n uvnref2 netns list-id
