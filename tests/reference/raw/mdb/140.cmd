bridge -n uvnr-br mdb add dev x1 port p1 grp 239.2.0.6 permanent      # dev is not a bridge
