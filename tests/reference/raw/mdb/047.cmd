bridge -n uvnr-br mdb add dev br0 port p1 grp 239.1.1.3 vid 10 permanent   # no VLAN filtering on this kernel, vid still stored
