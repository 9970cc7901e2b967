ip -n uvnref1 link set veth1 name veth1b      # veth1 is UP
