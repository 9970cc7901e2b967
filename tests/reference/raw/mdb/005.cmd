ip -n uvnr-br link add x1 address 02:00:00:00:09:01 type veth peer name x2 address 02:00:00:00:09:02   # not bridge ports
