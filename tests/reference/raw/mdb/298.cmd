bridge -n uvnr-br -j -d mdb show | grep -o '"router".*'
