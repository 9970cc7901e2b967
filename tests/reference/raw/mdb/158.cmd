nlmdb add dev br0 port br0 grp 239.3.0.1 src 10.1.1.1
