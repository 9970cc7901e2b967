ip -n uvnr-h4 addr add 239.11.0.1/32 dev h4 autojoin; sleep 0.5; bridge -n uvnr-br -d -s mdb show
