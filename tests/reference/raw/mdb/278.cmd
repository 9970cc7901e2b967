bridge -n uvnr-br -j -p mdb show
