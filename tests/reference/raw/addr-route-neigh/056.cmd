ip -n uvnref1 addr del 10.7.0.1/24 dev veth1
