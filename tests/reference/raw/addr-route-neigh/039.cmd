ip -n uvnref1 addr show label veth1:sec
