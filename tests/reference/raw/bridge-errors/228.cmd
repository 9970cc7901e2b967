ip -n uvnref1 link add br2 type bridge; ip -n uvnref1 link set veth5 master br2; ip -n uvnref1 link set veth7 master br2
