ip -n uvnref1 link set br0 type bridge hello_time 1000       # maximum
