ip -n uvnref1 addr flush dev nosuch
