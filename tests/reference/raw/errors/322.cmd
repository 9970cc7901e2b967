ip -n uvnref1 -batch /tmp/uvnref-batch4.txt
