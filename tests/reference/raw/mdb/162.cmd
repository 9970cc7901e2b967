nlmdb add dev br0 port p1 grp 239.3.0.2 src 10.1.1.9 filter_mode exclude source_list 10.1.1.1
