bridge -n uvnr-br mdb add dev br0 port p1 grp 239.2.0.5 vid abc permanent   # atoi: vid 0
