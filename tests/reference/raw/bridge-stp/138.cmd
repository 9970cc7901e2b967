ip -n uvnref2 link set br0 type bridge stp_state 0; sleep 0.5
