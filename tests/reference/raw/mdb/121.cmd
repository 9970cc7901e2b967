bridge -n uvnr-br mdb add dev br0 port p1 grp 0.0.0.0 permanent
