ip -n uvnref1 route del
