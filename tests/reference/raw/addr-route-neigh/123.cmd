ip -n uvnref1 route get 10.20.1.1 from 10.1.0.1
