bridge -n uvnr-br mdb add dev br0 port p1 grp 239.8.0.3 permanent   # third group
