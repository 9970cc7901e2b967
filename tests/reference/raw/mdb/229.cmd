nlmdb flush dev br0 port p3 vid 7
