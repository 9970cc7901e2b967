ip -n uvnref1 -o route get 10.1.0.2
