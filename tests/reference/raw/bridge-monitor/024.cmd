bridge -n nosuch monitor fdb
