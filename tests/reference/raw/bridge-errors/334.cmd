bridge -n uvnref1 link set dev veth1 backup_port veth5
