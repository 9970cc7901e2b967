ip -n uvnref2 link set veth23 up
