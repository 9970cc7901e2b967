bridge -n uvnr-br -d -s -j -p mdb show | grep -B3 -A22 '"ff0e::20:1"' | head -80
