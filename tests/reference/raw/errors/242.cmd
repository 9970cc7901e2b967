ip -n uvnref1 route del 10.20.0.0/16 via 10.1.0.9
