bridge -n uvnr-br mdb del dev br0 port p4 grp 239.2.1.3    # del on a disabled port
