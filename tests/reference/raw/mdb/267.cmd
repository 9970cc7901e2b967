ip -n uvnr-h4 addr del 239.11.0.1/32 dev h4; sleep 0.5; bridge -n uvnr-br -d -s mdb show   # the IGMPv3 TO_IN {} leave
