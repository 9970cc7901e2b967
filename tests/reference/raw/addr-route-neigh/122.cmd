ip -n uvnref1 route get 10.51.0.1
