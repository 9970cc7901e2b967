ip -j netns list-id
