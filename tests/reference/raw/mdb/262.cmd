ip -n uvnr-br link set p2 type bridge_slave fastleave on; mcsend h2 igmp2 leave 239.10.0.1; sleep 0.2; bridge -n uvnr-br -s mdb show | grep 239.10.0.1   # fast leave
