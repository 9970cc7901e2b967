bridge -n uvnref1 fdb flush dev br0 brport veth5 dynamic
