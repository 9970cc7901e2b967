ip -n uvnref1 link set br0 type bridge stp_state 1           # turning STP on with forward_delay 1 s
