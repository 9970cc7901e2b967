bridge -n uvnref1 link del dev veth1
