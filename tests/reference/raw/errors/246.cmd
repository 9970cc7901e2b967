ip -n uvnref1 route add default via bogus
