bridge -n uvnr-br mdb add dev br0 port p1 grp ff02::2 permanent       # all-routers: allowed
