bridge -n uvnr-br mdb add dev br0 port p2 grp 239.1.1.4 src 10.1.1.2
