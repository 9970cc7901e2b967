ip -n uvnref1 link set lo master br0
