nlmdb flush dev br0 proto 3
