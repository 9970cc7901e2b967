bridge -n uvnref1 fdb add 2:0:0:0:bb:2 dev veth1 master            # short octets
