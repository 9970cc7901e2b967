ip -n uvnref1 -j -p addr show to 10.7.0.0/24
