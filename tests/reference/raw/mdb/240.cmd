nlmdb flush dev br0 port x1
