ip -all netns exec ip -br link
