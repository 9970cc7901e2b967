bridge -n uvnr-br mdb show dev br0 | grep 239.2.0.3; bridge -n uvnr-br mdb del dev br0 port p1 grp 239.2.0.3
