ip -n uvnref1 link set veth3 up; ip -n uvnref2 link set veth4 up
