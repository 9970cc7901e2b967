ip -n uvnref1 link set veth1 alias $(printf 'x%.0s' $(seq 1 300))
