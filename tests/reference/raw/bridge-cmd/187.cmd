bridge -n uvnref1 link set dev veth1 root_block on
