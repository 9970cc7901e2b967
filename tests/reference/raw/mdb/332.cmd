nlmdb linkattrs dev p1; nlmdb linkattrs dev p2; nlmdb linkattrs dev p3; nlmdb linkattrs dev p4   # per-port group counters
