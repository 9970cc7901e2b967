sleep 2; bridge -n uvnr-br mdb show
