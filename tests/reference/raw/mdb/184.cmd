nlmdb add dev br0 port p1 grp 239.3.2.2 temp filter_mode include source_list 10.3.0.1,10.3.0.2 proto 99
