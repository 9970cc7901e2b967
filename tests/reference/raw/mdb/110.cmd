bridge -n uvnr-br mdb add dev br0 port p1 grp 02:00:00:00:00:01 permanent   # unicast MAC
