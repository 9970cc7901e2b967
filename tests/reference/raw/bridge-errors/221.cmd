ip -n uvnref1 link set veth8 master br0; ip -n uvnref1 link set veth7 master br0   # both ends of one veth pair in the same bridge
