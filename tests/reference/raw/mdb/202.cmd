nlmdb replace dev br0 port p1 grp 239.3.2.2 temp filter_mode exclude source_list 10.3.0.3
