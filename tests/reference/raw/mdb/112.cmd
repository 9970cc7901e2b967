bridge -n uvnr-br mdb add dev br0 port p1 grp 224.0.0.1 permanent     # link-local control group
