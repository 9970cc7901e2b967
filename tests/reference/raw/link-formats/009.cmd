ip -n uvnref1 -br addr show
