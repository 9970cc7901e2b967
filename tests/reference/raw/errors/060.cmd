ip -n uvnref1 link add d type veth
