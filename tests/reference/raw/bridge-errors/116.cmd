ip -n uvnref1 link set br0 type bridge no_linklocal_learn 0
