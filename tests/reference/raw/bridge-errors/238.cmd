bridge -n uvnref1 fdb add dev veth1
