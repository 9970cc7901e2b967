ip -n uvnref1 link set br0 type bridge forward_delay 5000    # STP off: accepted
