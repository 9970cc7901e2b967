ip -n uvnref1 link set veth5 type bridge stp_state 1   # type bridge on a veth
