ip -j -p netns list
