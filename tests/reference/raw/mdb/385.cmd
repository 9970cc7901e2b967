ip -n uvnr-br link set br0 type bridge mcast_snooping 1; bridge -n uvnr-br mdb show
