ip -n uvnr-br link set br0 down; nlmdb flush dev br0; ip -n uvnr-br link set br0 up; sleep 0.5
