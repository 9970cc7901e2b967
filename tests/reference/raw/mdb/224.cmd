nlmdb get dev br0 grp 224.0.0.1
