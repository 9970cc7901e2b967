ip -n uvnref1 link set lo name lo2
