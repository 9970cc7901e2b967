ip -n uvnref1 addr change 10.77.0.1/24 dev veth1   # does not exist
