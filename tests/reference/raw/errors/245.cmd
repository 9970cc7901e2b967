ip -n uvnref1 route add bogus dev veth1
