nlmdb get dev br0 grp ff0e::5
