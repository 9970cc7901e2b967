bridge -n uvnr-br mdb add dev br0 port p1 grp ff0e::1 permanent
