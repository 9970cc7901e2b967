bridge -n uvnr-br mdb add dev br0 port p2 grp 33:33:00:00:00:42 permanent
