ip netns exec nosuch true
