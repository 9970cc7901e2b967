ip -n uvnref1 -d link show veth5 | grep -c bridge_slave
