nlmdb add dev br0 port p1 grp 239.3.0.9 vid 5000 permanent
