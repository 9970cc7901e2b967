bridge -n uvnref1 link set dev veth1 vlan_tunnel on
