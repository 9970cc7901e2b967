nlmdb add dev br0 port p2 grp 239.3.1.31 src 10.2.0.5 permanent    # (S,G) already created by the list
