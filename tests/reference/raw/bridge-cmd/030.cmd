ip -n uvnref3 link set veth4 up; ip -n uvnref3 addr add 10.1.0.3/24 dev veth4; ip -n uvnref3 link set lo up
