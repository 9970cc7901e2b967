bridge -n uvnref1 fdb replace 02:00:00:00:02:02 dev veth5 master          # learned entry of veth1's host
