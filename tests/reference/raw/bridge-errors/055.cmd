ip -n uvnref1 -d link show br0 | grep -E '^    bridge(_slave)? ' | tr ' ' '\n' | grep -A1 -x 'priority' | tr '\n' ' '; echo
