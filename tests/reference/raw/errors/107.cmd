ip -n uvnref1 link show veth1   # what did -1 become?
