ip -n uvnref1 addr add dev veth1
