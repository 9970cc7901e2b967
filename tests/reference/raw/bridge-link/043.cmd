ip -n uvnref1 link add br4 address 02:00:00:00:00:b4 mtu 1400 txqueuelen 500 type bridge
