ip -n uvnref1 addr add 10.1.2.4/24 dev veth1 label veth1:abcdefghijklmnop
