bridge -n uvnr-br mdb add dev br0 port p4 grp 239.20.0.1 src 10.5.0.9 permanent   # static (S,G) next to learned (*,G) EXCLUDE
