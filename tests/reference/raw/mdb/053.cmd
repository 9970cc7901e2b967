bridge -n uvnr-br mdb add dev br0 port p1 grp ff02::5 permanent            # link-local scope but not all-nodes: allowed
