ip -n uvnref2 link set veth21 master br0; ip -n uvnref2 link set veth23 master br0
