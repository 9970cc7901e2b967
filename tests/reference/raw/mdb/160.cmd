nlmdb add dev br0 port p1 grp 239.3.0.2 source_list 10.1.1.1                # source_list without filter_mode
