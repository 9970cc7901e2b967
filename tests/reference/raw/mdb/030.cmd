bridge -n uvnr-br mdb show dev br0 dev br0
