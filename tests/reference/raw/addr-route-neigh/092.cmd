ip -n uvnref1 route add prohibit 10.52.0.0/16
