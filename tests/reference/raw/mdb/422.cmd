bridge -n uvnr-q -s mdb show
