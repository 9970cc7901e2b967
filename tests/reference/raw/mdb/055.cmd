bridge -n uvnr-br mdb add dev br0 port p1 grp ff:ff:ff:ff:ff:ff permanent  # broadcast MAC counts as multicast
