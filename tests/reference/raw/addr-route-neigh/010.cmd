ip -n uvnref1 addr add 10.6.0.1/24 broadcast 10.6.0.255 dev veth1 label veth1:bc
