bridge -n uvnr-br mdb add dev br0 port p2 grp ff0e::4 src 2001:db8::1 permanent
