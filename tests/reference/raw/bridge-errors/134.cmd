ip -n uvnref1 link set veth1 type bridge stp_state 1   # type bridge on a port
