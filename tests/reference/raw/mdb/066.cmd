bridge -n uvnr-br mdb show vid 10
