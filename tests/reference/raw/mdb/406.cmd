ip -n uvnr-q addr add 10.9.1.1/24 dev br0; sleep 0.5; nlmdbq linkattrs dev br0
