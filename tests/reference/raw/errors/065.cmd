ip -n uvnref1 link add foo txqueuelen abc type veth
