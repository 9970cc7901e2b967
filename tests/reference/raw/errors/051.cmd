ip -n uvnref1 -br link show type veth   # 'bogus' became the peer name
