ip -n uvnref1 link set veth2 netns 25051   # PID of 'ip netns exec uvnref2 sleep 60'
