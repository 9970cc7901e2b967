ip -n uvnref1 link set lo2 name lo
