ip -n uvnref1 link set br0 type bridge max_age 600           # minimum
