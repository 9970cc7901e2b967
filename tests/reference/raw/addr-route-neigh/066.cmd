ip -n uvnref1 -s addr flush dev veth1 to 10.5.0.0/24
