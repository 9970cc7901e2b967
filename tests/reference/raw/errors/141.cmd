ip -n uvnref2 -br link
