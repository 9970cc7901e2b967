ip -n uvnref1 link set br0 type bridge mcast_last_member_count abc
