ip -n uvnref1 link set br0 type bridge mcast_membership_interval 30000
