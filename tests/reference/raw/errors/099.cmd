ip -n uvnref1 link set veth1 address ff:ff:ff:ff:ff:ff
