ip -n uvnref1 link set br0 type bridge stp_state 0
