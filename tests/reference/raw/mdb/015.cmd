bridge -n uvnr-br mdb help
