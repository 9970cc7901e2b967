nlmdb replace dev br0 port br0 grp ff0e::5            # existing host entry
