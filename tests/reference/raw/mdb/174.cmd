nlmdb add dev br0 port p1 grp 239.3.0.2 proto 3        # boot
