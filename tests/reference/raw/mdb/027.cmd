bridge -n uvnr-br mdb add dev nosuch port p1 grp 239.1.1.1
