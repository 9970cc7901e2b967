ip -n uvnref1 link add a type veth                       # 'a' is parsed as 'address'!
