ip link add help
