nlmdb replace dev br0 port p1 grp 239.3.2.2 permanent filter_mode include source_list 10.3.0.2,10.3.0.3   # list replaced: .1 removed, .3 added
