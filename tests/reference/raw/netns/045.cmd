ip -all netns exec false
