nlmdb add dev br0 port p2 grp ff0e::3:3 permanent filter_mode exclude source_list 2001:db8::7
