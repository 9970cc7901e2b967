bridge -n uvnr-br mdb del dev br0 port p2 grp 239.1.1.1 permanent   # state word ignored by del
