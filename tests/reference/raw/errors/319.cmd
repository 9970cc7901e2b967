ip -n uvnref1 -force -batch /tmp/uvnref-batch2.txt
