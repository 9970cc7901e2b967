ip -n uvnref1 link del br0; ip -n uvnref1 link del veth1; ip -n uvnref1 link del veth3
