nlmdb flush dev br0 port q1
