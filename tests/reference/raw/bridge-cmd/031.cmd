ip -n uvnref4 link set veth6 up; ip -n uvnref4 addr add 10.1.0.4/24 dev veth6; ip -n uvnref4 link set lo up
