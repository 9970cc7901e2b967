bridge -n uvnr-br mdb show dev br0 vid 10
