ip -n uvnref1 link set veth1 up; ip -n uvnref2 link set veth2 up; ip -n uvnref1 addr add 10.1.0.1/24 dev veth1; ip -n uvnref2 addr add 10.1.0.2/24 dev veth2; sleep 1
