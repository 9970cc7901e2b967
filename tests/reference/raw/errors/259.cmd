ip -n uvnref1 route get 300.1.1.1
