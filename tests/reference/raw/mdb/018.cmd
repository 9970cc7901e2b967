bridge -n uvnr-br mdb add dev br0 port p1
