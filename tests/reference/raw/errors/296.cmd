ip -n uvnref1 tuntap add dev tap0 mode tun     # exists as tap
