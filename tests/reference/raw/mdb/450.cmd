bridge -n uvnr-br mdb del dev br0 port p3 grp 239.1.9.1; bridge -n uvnr-br -d mdb show | grep 239.1.9.1   # the (*,G): its (S,G) go too
