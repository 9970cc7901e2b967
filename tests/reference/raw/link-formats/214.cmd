ip -n uvnref1 bridge link 2>&1; bridge -n uvnref1 link
