bridge -n uvnr-br mdb show | grep ' port p3 '
