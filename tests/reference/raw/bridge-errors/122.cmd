ip -n uvnref1 link add br9 type bridge forward_delay 100 stp_state 1   # at creation
