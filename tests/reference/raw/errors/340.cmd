ip link show help
