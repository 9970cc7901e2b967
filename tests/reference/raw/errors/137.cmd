ip -n uvnref1 link set lo netns uvnref2
