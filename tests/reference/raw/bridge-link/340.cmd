ip -n uvnref1 link set veth3 type bridge_slave state 3   # setting state with kernel STP on
