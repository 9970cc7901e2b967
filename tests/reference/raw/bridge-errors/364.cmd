bridge -n uvnref1 mdb add dev br0 port veth5 grp 239.1.1.2 permanent   # not a port
