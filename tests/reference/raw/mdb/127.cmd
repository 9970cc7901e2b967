bridge -n uvnr-br mdb add dev br0 port p1 grp ff0e::6 src 10.1.1.1 permanent
