ip -n uvnref1 link set veth1 type bridge_slave priority 32 cost 2 guard off hairpin off learning on flood on isolated off
