bridge -n uvnr-br -j -d -s mdb show | grep -o '"router".*'
