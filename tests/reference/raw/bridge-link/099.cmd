ip -n uvnref1 link set br0 type bridge mcast_hash_elasticity 4
