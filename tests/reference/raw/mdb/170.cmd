nlmdb add dev br0 port p1 grp ff0e::3:2 filter_mode include source_list ff0e::1
