ip -n uvnref1 link set veth13 down; sleep 0.3
