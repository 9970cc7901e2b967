bridge -n nosuch fdb show
