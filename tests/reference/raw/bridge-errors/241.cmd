bridge -n uvnref1 fdb add 02:00:00:00:bb:01:02 dev veth1 master     # 7 octets
