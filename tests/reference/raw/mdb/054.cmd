bridge -n uvnr-br mdb add dev br0 port p1 grp ff01::5 permanent
