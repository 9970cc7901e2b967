ip -n uvnref1 route flush 10.33.0.0/16
