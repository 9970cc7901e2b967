ip -n uvnref1 link set veth6 up
