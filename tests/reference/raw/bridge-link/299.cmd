ip -n uvnref1 link set veth1 type bridge_slave priority 5 cost 7 guard on hairpin on learning off flood off isolated on
