bridge -n uvnref1 fdb add zz:zz dev veth1 master
