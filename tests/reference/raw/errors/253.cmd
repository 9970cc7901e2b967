ip -n uvnref1 route add 10.22.0.0/16 via 10.1.0.2 table nosuchtable
