ip -n uvnref1 addr flush dev veth1 to 10.8.0.0/24
