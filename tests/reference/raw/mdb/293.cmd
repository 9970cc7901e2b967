bridge -n uvnr-br -d mdb show | tail -3; bridge -n uvnr-br -j -d mdb show | grep -o '"router".*'
