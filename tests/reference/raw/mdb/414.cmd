mcsend qh igmp2 join 239.70.0.1; mcsend qh mld1 report ff0e::70:1; sleep 0.2; bridge -n uvnr-q -s mdb show
