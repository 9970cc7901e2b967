ip netns pids nosuch
