ip -n uvnref1 tuntap add dev tap0 mode tap
