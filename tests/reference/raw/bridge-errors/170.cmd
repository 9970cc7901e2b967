ip -n uvnref1 -d link show veth1 | grep -E '^    bridge(_slave)? ' | tr ' ' '\n' | grep -A1 -x 'group_fwd_mask_str' | tr '\n' ' '; echo
