ip -n uvnref1 route get 10.20.1.1
