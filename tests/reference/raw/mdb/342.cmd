ip -n uvnr-br link set br0 type bridge mcast_hash_elasticity 4; ip -n uvnr-br -d link show br0 | grep -o 'mcast_hash_elasticity [0-9]*'   # accepted, always reported as 16
