nlmdb flush dev br0 vid 5000
