ip -n uvnr-br link set p4 down; bridge -n uvnr-br link show dev p4
