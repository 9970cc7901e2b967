ip -n uvnref1 link set br5 up
