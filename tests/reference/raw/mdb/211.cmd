bridge -n uvnr-br -d -s -j -p mdb show dev br0 | head -120
