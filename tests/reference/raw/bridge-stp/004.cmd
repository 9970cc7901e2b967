for i in 1 2 3; do ip -n uvnref$i link set lo up; ip -n uvnref$i link add br0 address 02:00:00:00:00:0$i type bridge forward_delay 400 hello_time 100 max_age 600 stp_state 1; done
