bridge -n uvnref1 fdb add 02:00:00:00:aa:0e dev veth5        # default = self
