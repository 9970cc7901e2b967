bridge -n uvnr-br mdb add dev br0 port x1 grp 239.2.0.6 permanent     # not a bridge port
