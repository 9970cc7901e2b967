ip -n uvnref1 link set br0 up; ip -n uvnref1 link set veth1 up; ip -n uvnref1 link set veth2 up; ip -n uvnref1 link set veth3 up; ip -n uvnref1 link set veth4 up
