bridge -n uvnref1 fdb get 33:33:00:00:00:01 dev br0 self
