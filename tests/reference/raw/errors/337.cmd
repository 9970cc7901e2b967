ip link help
