bridge -n uvnref1 link set dev veth1 learning_sync on
