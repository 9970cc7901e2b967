bridge -n uvnr-br mdb add dev br0 port p1 grp 239.50.0.9 permanent
