ip -n uvnref1 -br -4 addr
