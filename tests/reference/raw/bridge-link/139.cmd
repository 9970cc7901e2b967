ip -n uvnref1 link set br0 type bridge ageing_time 30000
