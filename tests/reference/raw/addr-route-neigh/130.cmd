ip -n uvnref1 route change 10.30.0.0/16 via 10.1.0.2 dev veth1
