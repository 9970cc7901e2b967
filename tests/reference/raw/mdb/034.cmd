bridge -n uvnr-br mdb a dev br0 port p1 grp 239.9.9.9 permanent   # abbreviations: a / d / s / l
