bridge -n uvnref1 fdb add 02:00:00:00:aa:50 dev br0 self; bridge -n uvnref1 fdb flush dev br0 self; bridge -n uvnref1 fdb show dev br0
