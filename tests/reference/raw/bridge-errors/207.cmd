ip -n uvnref1 link set veth5 master veth7    # master is not a bridge
