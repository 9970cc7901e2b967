bridge -n uvnref1 mdb del dev br0 port veth1 grp 239.1.1.1
