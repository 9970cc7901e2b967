nlmdb replace dev br0 port p1 grp 239.3.3.2 permanent proto 186   # temp -> permanent, new proto
