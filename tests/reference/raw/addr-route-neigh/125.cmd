ip -n uvnref1 -j -p route get 10.1.0.2
