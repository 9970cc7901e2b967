nlmdb add dev br0 port p1 grp 239.3.2.1 filter_mode exclude source_list 10.3.0.1,10.3.0.2
