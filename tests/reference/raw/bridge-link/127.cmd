ip -n uvnref1 link set br0 type bridge nf_call_ip6tables 1
