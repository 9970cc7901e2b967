bridge -n uvnr-br mdb add dev br0 port br0 grp 01:00:5e:00:00:99 permanent
