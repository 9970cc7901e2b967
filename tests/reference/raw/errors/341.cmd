ip link add type veth help
