nlmdb linkattrs dev br0    # querier state the kernel reports (newer ip prints it)
