nlmdb flush dev p1
