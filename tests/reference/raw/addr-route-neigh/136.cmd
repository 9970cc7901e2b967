ip -n uvnref1 route del 10.30.0.0/16
