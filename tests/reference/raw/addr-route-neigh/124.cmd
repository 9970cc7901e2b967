ip -n uvnref1 -j route get 10.20.1.1
