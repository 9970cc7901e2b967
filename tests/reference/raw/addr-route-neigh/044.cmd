ip -n uvnref1 addr show to 10.1.0.0/24
