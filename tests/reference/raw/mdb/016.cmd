bridge -n uvnr-br mdb add
