ip -n uvnref1 -batch /tmp/uvnref-batch5.txt
