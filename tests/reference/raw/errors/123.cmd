ip -n uvnref1 link set veth1 name veth2       # existing name (veth1 is up)
