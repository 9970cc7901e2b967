bridge -n uvnr-br mdb add dev br0 port p1 grp 239.2.0.3 src 239.1.1.1 permanent   # group address used as source
