bridge -n uvnref1 fdb show br veth5      # not a bridge
