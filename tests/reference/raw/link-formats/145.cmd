ip -n uvnref1 tuntap add dev tap1 mode tap user 0 group 0 one_queue
