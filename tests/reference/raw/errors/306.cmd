ip -n uvnref1 tuntap del dev tap0 mode tun     # wrong mode
