ip -n uvnref1 link set br0 type bridge forward_delay 400 hello_time 100 max_age 600 stp_state 1
