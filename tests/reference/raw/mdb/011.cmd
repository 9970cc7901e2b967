for d in br0 p1 p2 p3 p4 x1 x2; do ip -n uvnr-br link set $d up; done; sleep 1
