ip -n uvnref1 netns list-id
