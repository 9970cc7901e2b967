ip -n uvnref1 link set veth1 mtu 68          # ok: minimum
