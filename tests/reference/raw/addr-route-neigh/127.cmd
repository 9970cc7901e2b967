ip -n uvnref1 route get fd00:1::2
