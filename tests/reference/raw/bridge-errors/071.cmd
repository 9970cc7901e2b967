ip -n uvnref1 link set br0 type bridge group_fwd_mask 0
