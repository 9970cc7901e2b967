ip -n uvnref1 addr del
