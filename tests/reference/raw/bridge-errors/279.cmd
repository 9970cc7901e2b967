bridge -n uvnref1 fdb del 02:00:00:00:aa:01 dev veth1 master          # gone
