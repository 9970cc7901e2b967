sleep 1; nlmdb linkattrs dev br0
