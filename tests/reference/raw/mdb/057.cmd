bridge -n uvnr-br mdb add dev br0 port br0 grp 239.1.1.5
