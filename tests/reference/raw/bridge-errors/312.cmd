bridge -n uvnref1 link set dev nosuch cost 5
