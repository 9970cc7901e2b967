printf 'netns list\n' | ip -batch -
