bridge -n uvnref1 fdb del 02:00:00:00:03:03 dev veth3 master          # local entry of a port
