ip -n uvnref1 link show vethx1
