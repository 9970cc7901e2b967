ip -n uvnref2 -br addr show
