bridge -n uvnr-br mdb d dev br0 port p1 grp 239.9.9.9
