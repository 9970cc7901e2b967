nlmdb get dev br0 grp 239.1.1.1
