ip -n uvnref1 link set nosuch up
