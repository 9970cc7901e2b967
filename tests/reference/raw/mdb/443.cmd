bridge -n uvnr-br mdb add dev x1 port p1 grp 239.1.1.1 vid 5000 permanent
