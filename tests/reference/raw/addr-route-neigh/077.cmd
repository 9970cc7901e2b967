ip -n uvnref1 -s -s addr flush dev veth4
