ip -n uvnref1 tuntap del dev tap0 mode tap
