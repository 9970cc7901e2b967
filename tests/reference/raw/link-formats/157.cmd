ip -n uvnref1 link set veth5 arp off
