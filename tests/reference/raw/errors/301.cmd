ip -n uvnref1 tuntap add mode tap              # no name: kernel picks tapN
