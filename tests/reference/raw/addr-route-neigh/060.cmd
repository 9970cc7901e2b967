ip -n uvnref1 addr del 10.1.0.1/24 dev veth1   # primary with a secondary
