bridge -n uvnr-br mdb del dev br0 port br0 grp 239.1.1.1           # host leave; p1 keeps the group
