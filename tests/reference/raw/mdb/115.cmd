bridge -n uvnr-br mdb add dev br0 port br0 grp 224.0.0.1
