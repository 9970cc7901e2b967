ip -n uvnref1 link set dev
