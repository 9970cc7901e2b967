ip -n uvnref2 link set veth4 up; sleep 0.5
