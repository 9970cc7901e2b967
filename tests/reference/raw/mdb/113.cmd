bridge -n uvnr-br mdb add dev br0 port p1 grp 224.0.0.22 permanent
