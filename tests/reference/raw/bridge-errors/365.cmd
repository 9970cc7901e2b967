bridge -n uvnref1 mdb add dev br0 port veth1 grp 10.0.0.1 permanent    # not multicast
