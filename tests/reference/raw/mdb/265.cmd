nlmdb flush dev br0; bridge -n uvnr-br mdb show
