ip -n uvnref1 tuntap add dev abcdefghijklmnop mode tap
