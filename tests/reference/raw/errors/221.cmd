ip -n uvnref1 addr del 10.9.9.9/24 dev veth1
