ip -n uvnref1 link set tap0 nomaster
