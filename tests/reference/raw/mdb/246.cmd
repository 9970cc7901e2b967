nlmdb flush dev br0 nopermanent
