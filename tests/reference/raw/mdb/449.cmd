bridge -n uvnr-br mdb del dev br0 port p3 grp 239.1.9.1 src 10.1.9.1; bridge -n uvnr-br -d mdb show | grep 239.1.9.1   # one (S,G) of the list
