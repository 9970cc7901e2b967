ip -n uvnref1 link set veth1 type bridge_slave state 3      # kernel STP running
