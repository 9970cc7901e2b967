nlmdb get dev br0 grp 239.3.1.31 src 239.1.1.1
