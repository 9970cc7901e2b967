ip -n uvnref1 link set br0 type bridge forward_delay 100     # STP off: accepted
