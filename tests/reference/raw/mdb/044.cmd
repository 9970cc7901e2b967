bridge -n uvnr-br mdb add dev br0 port p2 grp ff0e::2
