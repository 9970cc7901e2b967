ip -n uvnref2 route get 10.99.1.1
