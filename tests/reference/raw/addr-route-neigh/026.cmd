ip -n uvnref1 addr list
