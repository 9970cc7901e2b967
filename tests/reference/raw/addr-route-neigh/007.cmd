ip -n uvnref1 addr add 10.1.0.10/24 dev veth1 label veth1:sec
