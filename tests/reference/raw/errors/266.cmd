ip -n uvnref1 route change 10.40.0.0/16 via 10.1.0.2   # does not exist
