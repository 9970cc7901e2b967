ip netns set nosuch 5
