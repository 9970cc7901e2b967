bridge -n uvnr-q -d -s mdb show; nlmdbq linkattrs dev br0
