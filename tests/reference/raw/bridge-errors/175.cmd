ip -n uvnref1 link set veth1 type bridge_slave group_fwd_mask 0
