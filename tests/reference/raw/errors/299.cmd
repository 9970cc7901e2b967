ip -n uvnref1 tuntap add dev tap1 mode tap user nosuchuser
