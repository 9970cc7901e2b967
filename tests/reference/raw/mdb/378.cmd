ip -n uvnr-br link set p1 down; ip -n uvnr-br link set p2 down; bridge -n uvnr-br mdb show; ip -n uvnr-br link set p1 up; ip -n uvnr-br link set p2 up
