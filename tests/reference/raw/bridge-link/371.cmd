ip -n uvnref1 link set veth5 up; ip -n uvnref2 link set veth6 up; sleep 0.3
