bridge -n uvnr-br mdb show dev br0
