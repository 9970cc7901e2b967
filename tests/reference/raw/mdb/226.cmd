nlmdb get dev p1 grp 239.1.1.1
