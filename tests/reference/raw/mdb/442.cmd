bridge -n uvnr-br mdb add dev x1 port p1 grp 224.0.0.1 permanent     # group check comes before the 'is it a bridge' check
