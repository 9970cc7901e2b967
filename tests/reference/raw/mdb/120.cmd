bridge -n uvnr-br mdb add dev br0 port p1 grp 10.0.0.1 permanent      # unicast IPv4
