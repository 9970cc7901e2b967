ip -n uvnref1 addr add 10.1.2.3/16 dev veth1  # same address, other prefix
