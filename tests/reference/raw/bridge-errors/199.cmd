ip -n uvnref1 link set br1 master br0        # bridge into bridge
