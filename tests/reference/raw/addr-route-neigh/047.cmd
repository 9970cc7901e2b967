ip -n uvnref1 addr show up
