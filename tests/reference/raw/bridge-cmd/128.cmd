bridge -n uvnref1 fdb get 02:00:00:00:aa:0d dev veth5 self
