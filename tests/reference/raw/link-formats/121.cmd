ip -n uvnref1 tuntap list
