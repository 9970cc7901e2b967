ip -n uvnref1 foo
