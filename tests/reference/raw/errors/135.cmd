ip -n uvnref1 -br link show lo2   # loopback CAN be renamed
