bridge -n uvnref1 vlan add vid 10 dev br0 self
