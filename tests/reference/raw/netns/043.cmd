ip -all netns exec ip link show lo
