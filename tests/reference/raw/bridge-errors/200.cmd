ip -n uvnref1 link set br0 master br0        # bridge into itself
