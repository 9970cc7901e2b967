ip netns pids uvnref1
