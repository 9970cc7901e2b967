ip -n uvnref1 -j -p link show dev veth5
