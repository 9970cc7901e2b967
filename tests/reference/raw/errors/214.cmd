ip -n uvnref1 addr add 10.1.2.3/24 dev nosuch
