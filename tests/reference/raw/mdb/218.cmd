nlmdb get dev br0 grp 239.3.1.31 src 10.9.9.9
