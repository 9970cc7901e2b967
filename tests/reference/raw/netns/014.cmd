ls /run/netns
