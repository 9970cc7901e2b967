bridge -n uvnr-br mdb del dev br0 port p1
