ip -n uvnref1 addr del fd00:9::9/64 dev veth1
