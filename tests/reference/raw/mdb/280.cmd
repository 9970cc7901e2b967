bridge -n uvnr-br -d -s -j -p mdb show
