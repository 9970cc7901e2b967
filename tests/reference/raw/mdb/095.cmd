bridge -n uvnr-br mdb del dev br0 port q1 grp 239.1.1.1
