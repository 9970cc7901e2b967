bridge -n uvnr-br mdb replace dev br0 port p1 grp 239.1.1.1 permanent   # 6.1 has no replace
