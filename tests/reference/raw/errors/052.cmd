ip -n uvnref1 link del foo
