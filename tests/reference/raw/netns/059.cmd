ip -n uvnref1 link set vethB name veth2
