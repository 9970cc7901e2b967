nlmdb flush dev br1
