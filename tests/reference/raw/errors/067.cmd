ip -n uvnref1 link add bond0 type bond
