ip -n uvnr-br link set br0 up; sleep 0.3; bridge -n uvnr-br mdb show
