bridge -n uvnref1 fdb add 02-00-00-00-bb-03 dev veth1 master
