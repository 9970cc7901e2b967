bridge -n uvnr-br mdb show dev br0 | grep 239.2.1     # after the port went down
