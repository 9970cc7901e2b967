mcsend h1 mld1 done ff0e::10:1; sleep 0.3; bridge -n uvnr-br -s mdb show | grep ff0e::10:1
