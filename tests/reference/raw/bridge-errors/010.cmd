ip -n uvnref1 tuntap add dev tun0 mode tun
