bridge -n uvnr-q -d -s mdb show
