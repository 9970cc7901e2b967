bridge -n uvnr-br mdb add dev br0 port x1 grp 0.0.0.0 permanent      # port check before the 0.0.0.0 check
