ip -n uvnref1 link add veth9 type veth peer name veth10; ip -n uvnref1 link set veth9 master br1; ip -n uvnref1 link del veth10
