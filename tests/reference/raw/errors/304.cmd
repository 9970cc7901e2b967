ip -n uvnref1 tuntap del dev nosuch mode tap
