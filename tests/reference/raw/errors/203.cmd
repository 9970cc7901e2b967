ip -n uvnref1 addr add bogus dev veth1
