mcsend h2 igmp2 join 239.50.0.6; sleep 0.2; bridge -n uvnr-br mdb show | grep 239.50.0.6
