bridge -n uvnr-br -j -p -d -s mdb show
