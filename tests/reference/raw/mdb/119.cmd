bridge -n uvnr-br mdb del dev br0 port p1 grp ff02::2; bridge -n uvnr-br mdb del dev br0 port p1 grp ff02::16
