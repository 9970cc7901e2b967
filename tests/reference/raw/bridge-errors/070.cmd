ip -n uvnref1 -d link show br0 | grep -E '^    bridge(_slave)? ' | tr ' ' '\n' | grep -A1 -x 'group_fwd_mask' | tr '\n' ' '; echo
