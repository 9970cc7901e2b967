ip -n uvnref1 link set veth1 type bridge_slave nobackup_port
