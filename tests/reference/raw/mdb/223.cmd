nlmdb get dev br0 grp 239.99.99.99
