ip -n uvnref1 route get 10.99.1.1
