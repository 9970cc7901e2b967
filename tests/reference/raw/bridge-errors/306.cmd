bridge -n uvnref1 fdb flush dev br0 dynamic static
