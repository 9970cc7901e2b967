bridge -n uvnr-br mdb show dev p1      # filter compares the BRIDGE ifindex: nothing
