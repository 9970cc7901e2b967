ip -n uvnref1 tuntap del dev veth1 mode tap
