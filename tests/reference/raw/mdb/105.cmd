bridge -n uvnr-br mdb add dev br0 port br0 grp 239.2.0.2 src 10.1.1.1
