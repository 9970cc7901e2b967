bridge -n uvnr-br mdb add dev br0 port p4 grp 239.2.1.1 temp; bridge -n uvnr-br mdb add dev br0 port p4 grp 239.2.1.2 permanent; bridge -n uvnr-br mdb show dev br0 | grep 239.2.1
