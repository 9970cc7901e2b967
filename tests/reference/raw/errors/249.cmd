ip -n uvnref1 route add 10.21.0.0/16 via 10.1.0.2 dev veth3       # veth3 is down, gw not on it
