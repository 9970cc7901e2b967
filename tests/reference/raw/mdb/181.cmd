nlmdb add dev br0 port p2 grp 239.3.1.31 permanent filter_mode exclude source_list 10.2.0.99   # duplicate (*,G)
