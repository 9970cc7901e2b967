mcsend h1 igmp2 join 239.8.0.4; sleep 0.2; bridge -n uvnr-br mdb show | grep 239.8.0.4
