bridge -n uvnr-br mdb bogus
