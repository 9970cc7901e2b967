ip -n uvnref1 -d addr show dev veth1
