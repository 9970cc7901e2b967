bridge -n uvnref1 fdb add ff:ff:ff:ff:ff:ff dev veth1 master static
