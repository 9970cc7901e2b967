ip -n uvnref1 -d link show type bridge
