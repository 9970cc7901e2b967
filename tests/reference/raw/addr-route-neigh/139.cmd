ip -n uvnref1 route del blackhole 10.50.0.0/16
