ip -n uvnref1 -s -j link show lo
