ip -n uvnref1 link set br0 type bridge max_age 1200
