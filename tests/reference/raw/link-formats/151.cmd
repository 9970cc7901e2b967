ip -n uvnref1 link set veth5 alias 'my alias text'
