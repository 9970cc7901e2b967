ip -n uvnref1 -6 route get fd00:20::1
