mcsend h1 igmp2 join 239.20.0.5; mcsend h1 mld1 report ff0e::20:5; sleep 0.2; bridge -n uvnr-br -d -s mdb show | grep -E '239.20.0.5|ff0e::20:5'   # v2/v1 report in v3/v2 mode
