bridge -n uvnr-br -j -s mdb show | grep -o '"router".*'
