ip -n uvnref2 link set veth2 up; ip -n uvnref2 addr add 10.1.0.2/24 dev veth2; ip -n uvnref2 link set lo up
