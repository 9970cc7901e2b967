nlmdb add dev br0 port p1 grp 239.3.0.2 filter_mode include source_list 239.1.1.1   # group as source
