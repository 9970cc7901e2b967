ip -n uvnref1 link set veth5 promisc off allmulticast off arp on
