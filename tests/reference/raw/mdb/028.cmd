bridge -n uvnr-br mdb add dev br0 port nosuch grp 239.1.1.1
