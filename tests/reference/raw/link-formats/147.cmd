ip -n uvnref1 tuntap del dev tun1 mode tun
