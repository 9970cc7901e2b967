bridge -n uvnr-br mdb add dev br0 port p1 grp 01:00:5e:01:02:03 permanent
