nlmdb add dev br0 port p1 grp 01:00:5e:00:00:96 permanent source_list 10.1.1.1 filter_mode include
