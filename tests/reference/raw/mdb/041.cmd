bridge -n uvnr-br mdb add dev br0 port p2 grp 239.1.1.1 temp
