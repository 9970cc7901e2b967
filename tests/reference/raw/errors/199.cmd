ip netns pids
