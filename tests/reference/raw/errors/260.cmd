ip -n uvnref1 route get
