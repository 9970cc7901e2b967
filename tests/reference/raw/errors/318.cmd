ip -n uvnref1 -batch /tmp/uvnref-batch2.txt
