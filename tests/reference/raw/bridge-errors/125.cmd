ip -n uvnref1 link add br9 type bridge stp_state 1 forward_delay 100   # other order
