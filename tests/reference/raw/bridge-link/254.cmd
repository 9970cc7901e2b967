ip -n uvnref1 link set veth1 type bridge_slave proxy_arp_wifi on
