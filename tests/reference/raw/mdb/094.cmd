bridge -n uvnr-br mdb del dev br0 port x1 grp 239.1.1.1
