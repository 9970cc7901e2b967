ip -n uvnref1 link set veth1 promisc maybe
