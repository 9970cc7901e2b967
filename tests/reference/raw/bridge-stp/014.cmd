for i in 1 2 3; do for d in br0 $(ip -n uvnref$i -o link show master br0 | awk -F'[:@]' '{print $2}'); do ip -n uvnref$i link set $d up; done; done; sleep 0.5
