bridge -n uvnr-br mdb del dev br0 port p1 grp 239.9.9.9
