bridge -n uvnref1 fdb flush dev veth5
