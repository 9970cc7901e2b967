ip -n uvnref1 -j -p neigh show 10.1.0.77
