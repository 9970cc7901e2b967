nlmdb add dev br0 port p1 grp 239.3.0.4 proto 186      # 186 is bgp in /etc/iproute2/rt_protos
