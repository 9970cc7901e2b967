mcsend h1 igmp3 to_ex 239.20.0.1 10.5.0.2; sleep 0.2; bridge -n uvnr-br -d -s mdb show | grep 239.20.0.1
