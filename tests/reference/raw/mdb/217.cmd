nlmdb get dev br0 grp 239.3.1.31 src 10.2.0.7
