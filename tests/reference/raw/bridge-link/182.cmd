ip -n uvnref2 link set veth2 up
