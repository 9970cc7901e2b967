bridge -n uvnr-br mdb add dev br0 port q1 grp 239.2.0.6 permanent     # port of another bridge
