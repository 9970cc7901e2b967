nlmdb get dev br0 grp 239.3.1.31
