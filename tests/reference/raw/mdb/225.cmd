nlmdb get dev br1 grp 239.1.1.1
