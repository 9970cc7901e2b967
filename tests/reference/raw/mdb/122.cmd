bridge -n uvnr-br mdb add dev br0 port p1 grp 2001:db8::1 permanent   # unicast IPv6
