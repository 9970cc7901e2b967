bridge -n uvnr-br mdb get dev br0 grp 239.1.1.1                         # 6.1 has no get
