ip -n uvnref1 link set veth13 up; sleep 0.5
