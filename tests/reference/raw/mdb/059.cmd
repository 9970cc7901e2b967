bridge -n uvnr-br mdb add dev br0 port br0 grp ff0e::5
