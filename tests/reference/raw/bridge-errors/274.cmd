bridge -n uvnref1 fdb add 02:00:00:00:aa:06 dev veth1 master static src_vni 5
