ip -n uvnref1 link add foo type veth peer bogus
