ip -n uvnref1 link add abcdefghijklmno type veth          # 15 chars (ok)
