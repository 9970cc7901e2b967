ip -n uvnref1 route get 10.50.0.1
