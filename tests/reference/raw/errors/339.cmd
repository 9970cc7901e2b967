ip link set help
