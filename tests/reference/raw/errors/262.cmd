ip -n uvnref1 route get fd00:99::1
