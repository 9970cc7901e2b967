bridge -n uvnr-br mdb add dev br0 port p1 grp 00:00:00:00:00:00 permanent
