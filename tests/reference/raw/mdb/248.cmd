nlmdb flush dev br0
