bridge -n uvnr-br mdb show vid 1 vid 2
