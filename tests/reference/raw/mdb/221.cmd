nlmdb get dev br0 grp 239.2.0.4
