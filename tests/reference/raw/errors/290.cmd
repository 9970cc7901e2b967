ip -n uvnref1 neigh get 10.1.0.99
