ip -n uvnref1 link set veth2 up
