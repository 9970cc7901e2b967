bridge -n uvnr-br mdb add dev br0 port br0 grp 239.2.0.1 temp        # IP host entry: temp accepted
