bridge -n uvnref1 link set veth1 cost 3   # without 'dev'
