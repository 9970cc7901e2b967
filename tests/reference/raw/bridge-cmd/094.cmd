bridge -n uvnref1 fdb add 02:00:00:00:aa:0f dev br0 self     # entry on the bridge device itself
