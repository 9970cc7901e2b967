ip -n uvnref1 addr del 10.9.0.1 dev veth1   # no prefix: wildcard deletion
