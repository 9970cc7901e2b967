ip -n uvnref1 tuntap show
