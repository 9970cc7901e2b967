ip -n uvnref1 link set veth3 master br1      # port of br0 -> br1: moves
