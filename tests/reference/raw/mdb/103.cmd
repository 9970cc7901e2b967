bridge -n uvnr-br mdb add dev br0 port br0 grp 239.2.0.1 permanent   # IP host entry: permanent refused
