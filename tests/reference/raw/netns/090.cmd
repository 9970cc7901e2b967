ip -all netns delete
