bridge -n uvnr-br mdb add dev br0 port p1 grp 239.2.0.3 src 2001:db8::1 permanent # family mismatch
