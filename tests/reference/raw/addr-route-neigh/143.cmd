ip -n uvnref1 -s route flush 10.34.0.0/16
