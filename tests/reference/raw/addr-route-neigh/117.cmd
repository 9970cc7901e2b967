ip -n uvnref1 route get 10.1.0.2
