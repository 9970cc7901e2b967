bridge -n uvnr-br mdb add dev br0 port p1 grp 01:00:5e:00:00:97 src 10.1.1.1 permanent
