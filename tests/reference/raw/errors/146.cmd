ip -n uvnref1 link set veth4 netns 99999999   # numeric = PID; this PID cannot exist
