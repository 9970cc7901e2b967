bridge -n uvnr-br mdb add dev br0 port p4 grp 239.2.1.3
