bridge -netns uvnref1 link show
