ip -n uvnref1 -j -p -d link show br2
