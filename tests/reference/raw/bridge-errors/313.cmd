bridge -n uvnref1 link set cost 5
