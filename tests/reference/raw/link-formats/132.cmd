ip -n uvnref1 link set tun0 up
