ip -n uvnref3 link set veth32 up
