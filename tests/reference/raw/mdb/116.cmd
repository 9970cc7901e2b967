bridge -n uvnr-br mdb add dev br0 port p1 grp ff02::1 permanent       # IPv6 all-nodes
