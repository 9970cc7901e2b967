ip -n uvnr-br link set p4 up; sleep 0.2; bridge -n uvnr-br mdb show dev br0 | grep -E '239.2.1|00:01:03'
