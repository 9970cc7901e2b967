bridge -n uvnref1 link set dev veth1 learning on
