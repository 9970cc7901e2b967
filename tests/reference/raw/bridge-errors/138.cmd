ip -n uvnref1 link add br8 type bridge_slave
