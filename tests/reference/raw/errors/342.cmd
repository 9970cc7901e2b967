ip addr help
