ip -all netns exec true
