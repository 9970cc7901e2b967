bridge -n uvnref1 fdb get zz br br0
