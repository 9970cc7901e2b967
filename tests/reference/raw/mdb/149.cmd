bridge -n uvnr-br mdb add dev br0 port p4 grp 01:00:5e:00:01:03 permanent
