mcsend h1 igmp3 block 239.20.0.1 10.5.0.1; sleep 0.3; bridge -n uvnr-br -d -s mdb show | grep 239.20.0.1   # BLOCK: that source's timer drops to last_member_count*last_member_interval
