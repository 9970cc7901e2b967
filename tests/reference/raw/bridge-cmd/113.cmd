bridge -n uvnref1 fdb replace 02:00:00:00:aa:30 dev veth5 master          # replace of a missing entry creates it
