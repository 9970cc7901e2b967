nlmdb add dev br0 port p1 grp 239.3.0.9 vid 0 permanent; nlmdb del dev br0 port p1 grp 239.3.0.9
