bridge -n uvnr-br mdb add dev br0 grp 239.1.1.1
