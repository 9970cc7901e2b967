ip -n uvnref1 -d link show veth1 | grep -E '^    bridge(_slave)? ' | tr ' ' '\n' | grep -A1 -x 'cost' | tr '\n' ' '; echo
