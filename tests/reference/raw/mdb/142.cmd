bridge -n uvnr-br mdb add dev lo port p1 grp 239.2.0.6 permanent
