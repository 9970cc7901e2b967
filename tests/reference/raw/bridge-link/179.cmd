ip -n uvnref1 -br link show type bridge_slave
