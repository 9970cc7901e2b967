ip -n uvnref1 link add name veth7 mtu 1400 txqueuelen 100 address 02:00:00:00:00:07 type veth peer name veth8 mtu 1300 address 02:00:00:00:00:08
