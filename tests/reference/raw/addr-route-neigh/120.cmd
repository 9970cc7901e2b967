ip -n uvnref1 route get 127.0.0.1
