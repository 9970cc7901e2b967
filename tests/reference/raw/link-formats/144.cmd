ip -n uvnref1 tuntap add dev tun1 mode tun multi_queue
