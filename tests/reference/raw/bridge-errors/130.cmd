ip -n uvnref1 link add br9 type bridge group_fwd_mask 1
