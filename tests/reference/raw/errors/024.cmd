ip -n uvnref1 link xyz
