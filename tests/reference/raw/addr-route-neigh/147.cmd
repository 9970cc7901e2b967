ip -n uvnref1 route show   # link down: routes via veth1 marked linkdown/removed?
