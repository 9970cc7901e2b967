ip -all netns exec sh -c 'echo out; echo err >&2'
