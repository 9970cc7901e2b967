bridge -n uvnr-br mdb show dev nosuch
