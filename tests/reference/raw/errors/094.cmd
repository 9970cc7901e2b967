ip -n uvnref1 link set lo mtu 20            # accepted for loopback
