ip -n uvnref1 link del veth7
