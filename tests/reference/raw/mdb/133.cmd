bridge -n uvnr-br mdb add dev br0 port p1 grp 239.2.0.4 vid 65535 permanent
