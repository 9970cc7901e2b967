bridge -n uvnr-br mdb del dev br0 port p1 grp 224.0.0.1
