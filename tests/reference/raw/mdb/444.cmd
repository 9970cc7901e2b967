ip -n uvnr-br link set br0 down; bridge -n uvnr-br mdb add dev br0 port p1 grp 224.0.0.1 permanent; bridge -n uvnr-br mdb add dev br0 port x1 grp 239.1.1.1 permanent; ip -n uvnr-br link set br0 up
