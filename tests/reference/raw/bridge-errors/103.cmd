ip -n uvnref1 link set br0 type bridge mcast_hash_max 0
