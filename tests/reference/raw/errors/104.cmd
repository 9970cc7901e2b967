ip -n uvnref1 link show veth1   # what did '5g' parse to?
