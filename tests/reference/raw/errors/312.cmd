ip -n uvnref1 -batch /tmp/uvnref-batch1.txt
