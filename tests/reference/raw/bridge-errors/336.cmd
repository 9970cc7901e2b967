bridge -n uvnref1 link set dev veth1 bogus on
