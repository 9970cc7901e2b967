ip -n uvnref1 link add abcdefghijklmnop type veth         # 16 chars
