ip -n uvnref1 bridge link 2>&1; echo; ip -n uvnref1 link show master br0
