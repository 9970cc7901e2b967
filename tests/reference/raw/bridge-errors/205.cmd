ip -n uvnref1 link set other master br0      # device in another namespace
