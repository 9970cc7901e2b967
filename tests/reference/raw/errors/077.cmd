ip -n uvnref1 link set dev nosuch down
