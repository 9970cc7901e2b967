bridge -n uvnr-br mdb
