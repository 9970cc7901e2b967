ip -n uvnref2 link del veth2h
