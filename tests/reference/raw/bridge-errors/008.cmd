ip -n uvnref1 link add veth7 address 02:00:00:00:07:07 type veth peer name veth8 address 02:00:00:00:08:08
