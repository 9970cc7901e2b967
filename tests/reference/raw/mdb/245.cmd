bridge -n uvnr-br mdb show
