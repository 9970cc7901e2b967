bridge -n uvnr-br mdb add dev br0 port p1 grp 239.2.0.3 src 0.0.0.0 permanent     # src 0.0.0.0 = no source: (*,G)
