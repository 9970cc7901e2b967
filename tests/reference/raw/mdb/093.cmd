bridge -n uvnr-br mdb del dev br0 port p3 grp 239.1.1.1            # port without that group
