ip -n uvnref1 -6 route del default via fd00:1::2
