nlmdb replace dev br0 port br0 grp 239.3.3.1 proto static
