ip -n uvnref1 link add name a/b type veth
