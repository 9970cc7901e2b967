ip -j netns list
