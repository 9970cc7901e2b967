mcsend h1 igmp2 leave 239.10.0.1; sleep 0.3; bridge -n uvnr-br -s mdb show | grep 239.10.0.1   # leave, no querier anywhere: timer cut to last_member_count*last_member_interval
