nlmdb add dev br0 port p1 grp 239.1.1.1 permanent      # duplicate, same as above
