nlmdb replace dev br0 port p1 grp 239.3.3.3 src 10.1.1.1 temp; nlmdb replace dev br0 port p1 grp 239.3.3.3 src 10.1.1.1 permanent; bridge -n uvnr-br -d -s mdb show | grep 239.3.3.3
