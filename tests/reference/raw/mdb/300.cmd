bridge -n uvnr-br -j -d -s -p mdb show | sed -n '/"router"/,$p'
