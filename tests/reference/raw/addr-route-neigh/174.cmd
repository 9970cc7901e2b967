ip -n uvnref1 -j -p neigh show
