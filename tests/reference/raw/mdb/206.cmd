nlmdb replace dev br0 port p1 grp 01:00:5e:00:00:97 temp
