ip -netns nosuch link
