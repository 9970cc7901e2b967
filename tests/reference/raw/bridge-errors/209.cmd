ip -n uvnref1 link set veth1 master br0      # already a port of br0
