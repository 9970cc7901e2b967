bridge -n uvnr-br mdb del dev br0 port p4 grp 239.2.1.2; bridge -n uvnr-br mdb del dev br0 port p4 grp 01:00:5e:00:01:03
