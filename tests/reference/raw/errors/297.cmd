ip -n uvnref1 tuntap add dev veth1 mode tap    # name used by a veth
