ip -n uvnref1 link add type veth                         # no name: kernel picks vethN
