ip -n uvnref1 addr add 10.4.0.1/24 dev veth3
