nlmdb replace dev br0 port p1 grp 239.3.2.2 temp     # no filter_mode = EXCLUDE {}
