ip -n uvnref1 link set tap0 master br0       # tap: fine
