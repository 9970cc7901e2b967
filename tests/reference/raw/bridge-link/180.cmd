ip -n uvnref1 link show type bridge
