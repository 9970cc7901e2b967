mcsend h1 igmp3 to_in 239.20.0.2 10.5.0.7; sleep 0.2; bridge -n uvnr-br -d -s mdb show | grep 239.20.0.2
