nlmdbq linkattrs dev br0
