ip -n uvnref1 -j -p addr show dev veth1
