bridge -n uvnr-br -s mdb show | tail -2    # -s alone: no router line
