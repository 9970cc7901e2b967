ip -n uvnref1 tuntap del dev tap1 mode tap
