ip -n uvnref1 link set veth1 type bridge_slave backup_port veth5      # not a port
