ip -n uvnref2 link set veth4 down; sleep 0.3
